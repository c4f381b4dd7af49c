package dev.clockwork.it;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built WAR as the tests deploy it, and where a deployment answers. */
final class TestDeployments {

    private static final String WEB_XML = "WEB-INF/web.xml";
    /** Arquillian's in-container runner; the console's "/*" constraint would send it to the login page. */
    private static final String OPEN_RUNNER = """
              <security-constraint>
                <web-resource-collection>
                  <web-resource-name>arquillian-test-runner</web-resource-name>
                  <url-pattern>/ArquillianServletRunnerEE9</url-pattern>
                </web-resource-collection>
              </security-constraint>
            """;

    private TestDeployments() {
    }

    /** {@code target/clockwork.war}, or the WAR the build names in {@code clockwork.war}. */
    static WebArchive builtWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("clockwork.war",
                "target/clockwork.war")));
    }

    /** The application's root with a trailing slash, from Arquillian's deployment URL. */
    static URI root(URL deployment) throws URISyntaxException {
        return URI.create(deployment.toURI().toString().replaceAll("/?$", "/"));
    }

    /** The WAR with Arquillian's test runner servlet left open (only in test deployments). */
    static WebArchive withOpenTestRunner(WebArchive war) {
        String webXml = read(war);
        war.delete(WEB_XML);
        return war.setWebXML(new StringAsset(webXml.replace("</web-app>", OPEN_RUNNER + "</web-app>")));
    }

    private static String read(WebArchive war) {
        try (InputStream in = war.get(WEB_XML).getAsset().openStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
