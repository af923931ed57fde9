package io.touchpoint.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare Camunda Spring Boot application with Touchpoint on the classpath, as a user would have. */
@SpringBootApplication
public class JourneyTestApplication {
}
