package dev.clockwork.it;

import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RestChecks} on the WAR as built, deployed by Arquillian to Payara Micro or WildFly. */
@ExtendWith(ArquillianExtension.class)
class RestIT extends RestChecks {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestDeployments.builtWar();
    }

    @Override
    protected URI root() throws Exception {
        return TestDeployments.root(base);
    }
}
