package io.addrservice.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The seed life cycle against the packaged application. */
@QuarkusIntegrationTest
class AddressBookLifecycleIT extends AddressBookLifecycleTest {}
