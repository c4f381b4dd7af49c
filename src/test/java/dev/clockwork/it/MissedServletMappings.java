package dev.clockwork.it;

import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.protocol.servlet5.ServletMethodExecutor;

/**
 * Gives a deployed WAR its context root when the container adapter reported none. The Payara Micro adapter (3.1, the
 * newest) learns a deployment's servlets from the server's start-up log, from a snapshot taken as soon as the
 * "Instance Configuration" banner is there; when the snapshot ends inside the list of deployed applications that
 * follows, it reports no servlet at all, and every test of the class fails with "ArquillianServletRunnerEE9 not
 * found. Could not determine ContextRoot" (seen once in CI). The WAR is deployed by its file name, so its context
 * root is known: the test runner servlet is added there. A deployment that really failed still fails its tests.
 */
public final class MissedServletMappings implements LoadableExtension {

    private static final Logger LOG = Logger.getLogger(MissedServletMappings.class.getName());

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Repair.class);
    }

    /**
     * Adds the test runner at the context root of {@code archiveName} to each HTTP context that has no servlet.
     *
     * @return whether any context was repaired
     */
    static boolean addRunnerWhereMissing(ProtocolMetaData metaData, String archiveName) {
        if (metaData == null || !archiveName.endsWith(".war")) {
            return false;
        }
        String contextRoot = "/" + archiveName.substring(0, archiveName.length() - ".war".length());
        boolean repaired = false;
        for (HTTPContext context : metaData.getContexts(HTTPContext.class)) {
            if (context.getServlets().isEmpty()) {
                context.add(new Servlet(ServletMethodExecutor.ARQUILLIAN_SERVLET_NAME, contextRoot));
                repaired = true;
            }
        }
        return repaired;
    }

    /** Looks at what each deployment reported, once it is deployed. */
    public static final class Repair {

        @Inject
        private Instance<ProtocolMetaData> metaData;

        public void afterDeploy(@Observes AfterDeploy event) {
            String archive = event.getDeployment().getArchive().getName();
            if (addRunnerWhereMissing(metaData.get(), archive)) {
                LOG.warning(() -> "The container reported no servlet for " + archive + "; its tests use the context"
                        + " root its file name gives");
            }
        }
    }
}
