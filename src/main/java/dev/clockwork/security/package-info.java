/**
 * Who may do what: users in the database with PBKDF2-hashed passwords, the roles {@code clockwork-viewer},
 * {@code clockwork-operator} and {@code clockwork-admin}, HTTP Basic for the API and form login for the console.
 */
package dev.clockwork.security;
