/** The REST API under {@code /clockwork/api}: JSON in and out, errors as RFC 9457 problem details. */
package dev.clockwork.rest;
