package io.addrservice.api.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The private books of mode jwt, against the packaged application. */
@QuarkusIntegrationTest
@TestProfile(JwtModeProfile.class)
class JwtIsolationIT extends JwtIsolationTest {}
