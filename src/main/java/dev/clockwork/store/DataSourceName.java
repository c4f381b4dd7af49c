package dev.clockwork.store;

/** Names the data source the store uses, for health answers: jdbc/clockwork, or the server's default. */
public interface DataSourceName {

    /** The JNDI name of the data source in use. */
    String dataSourceName();
}
