package dev.clockwork.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.junit.jupiter.api.Test;

class MissedServletMappingsTest {

    @Test
    void a_context_without_servlets_gets_the_test_runner_at_the_war_s_context_root() throws Exception {
        HTTPContext context = new HTTPContext("127.0.0.1", 8123);
        ProtocolMetaData metaData = new ProtocolMetaData().addContext(context);

        assertTrue(MissedServletMappings.addRunnerWhereMissing(metaData, "clockwork.war"));

        Servlet runner = context.getServletByName("ArquillianServletRunnerEE9");
        assertEquals("http://127.0.0.1:8123/clockwork/", runner.getBaseURI().toString());
    }

    @Test
    void reported_servlets_are_left_as_they_are() {
        HTTPContext context = new HTTPContext("127.0.0.1", 8123).add(new Servlet("Faces Servlet", "/console"));
        ProtocolMetaData metaData = new ProtocolMetaData().addContext(context);

        assertFalse(MissedServletMappings.addRunnerWhereMissing(metaData, "clockwork.war"));

        assertEquals(List.of("Faces Servlet"), context.getServlets().stream().map(Servlet::getName).toList());
    }

    @Test
    void an_archive_that_is_not_a_war_or_no_metadata_changes_nothing() {
        HTTPContext context = new HTTPContext("127.0.0.1", 8123);

        assertFalse(MissedServletMappings.addRunnerWhereMissing(new ProtocolMetaData().addContext(context), "app.ear"));
        assertFalse(MissedServletMappings.addRunnerWhereMissing(null, "clockwork.war"));
        assertTrue(context.getServlets().isEmpty());
    }
}
