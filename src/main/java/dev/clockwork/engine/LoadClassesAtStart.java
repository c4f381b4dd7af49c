package dev.clockwork.engine;

import jakarta.servlet.ServletContext;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads every Clockwork class of the WAR when the application starts. While it stops, Payara's class loader no longer
 * loads classes ({@code NoClassDefFoundError}), yet the stop path must run code a young node may never have run: the
 * drain's hand-back, the last outcomes, marking the node stopped.
 */
final class LoadClassesAtStart {

    private static final Logger LOG = Logger.getLogger(LoadClassesAtStart.class.getName());
    private static final String ROOT = "/WEB-INF/classes/";

    private LoadClassesAtStart() {
    }

    /** @return how many classes it loaded */
    static int load(ServletContext context, ClassLoader loader) {
        return load(context, loader, ROOT + "dev/clockwork/");
    }

    private static int load(ServletContext context, ClassLoader loader, String folder) {
        Set<String> paths = context.getResourcePaths(folder);
        if (paths == null) {
            return 0;
        }
        int loaded = 0;
        for (String path : paths) {
            if (path.endsWith("/")) {
                loaded += load(context, loader, path);
            } else if (path.endsWith(".class")) {
                String name = path.substring(ROOT.length(), path.length() - ".class".length()).replace('/', '.');
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // A class for another server or a test's, whose dependencies are not here: never needed at stop.
                    LOG.log(Level.FINE, "Did not load " + name, e);
                }
            }
        }
        return loaded;
    }
}
