/** The JSF/PrimeFaces console's backing beans; the pages live in {@code src/main/webapp}. */
package dev.clockwork.web;
