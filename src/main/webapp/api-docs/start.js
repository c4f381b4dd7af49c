// Shows the API's own document; "Authorize" takes a Clockwork user's name and password for "Try it out".
window.ui = SwaggerUIBundle({
  url: "../api/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout"
});
