package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatatypeFactoryLookupTest {

  private String applications;

  @BeforeEach
  void noFactoryNamed() {
    applications = System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
  }

  @AfterEach
  void applicationsFactoryBack() {
    if (applications == null) {
      System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    } else {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, applications);
    }
  }

  @Test
  void theFactoryTheClassPathScanFindsIsNamedSoLaterAsksSkipTheScan() throws Exception {
    Class<?> scanned = DatatypeFactory.newInstance().getClass();

    DatatypeFactoryLookup.nameTheProvider();

    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo(scanned.getName());
    assertThat(DatatypeFactory.newInstance()).isInstanceOf(scanned);
  }

  @Test
  void aFactoryTheApplicationNamedIsKept() {
    System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "com.example.OwnDatatypeFactory");

    DatatypeFactoryLookup.nameTheProvider();

    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo("com.example.OwnDatatypeFactory");
  }
}
