package io.touchpoint.privacy;

/** The erasure contract on the embedded default database. */
class ContactErasureOnH2Test extends ContactErasureContract {
}
