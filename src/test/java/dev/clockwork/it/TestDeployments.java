package dev.clockwork.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Adjusts the built WAR for in-container tests. */
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
