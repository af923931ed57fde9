package io.touchpoint.engine;

import io.touchpoint.journey.ContactAddresses;
import java.beans.FeatureDescriptor;
import java.util.Iterator;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Reads a contact address the journey has no variable for ({@code ${email}} for a contact without one) as null,
 * as a variable set to null would read: the send is then skipped with its reason instead of failing on an unknown
 * variable. Storing those nulls instead cost three rows per address and journey (runtime, history, detail). Asked
 * only after the engine's own resolvers (variables, beans) found nothing.
 */
final class AbsentContactAddresses extends ELResolver {

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    if (isAddress(base, property)) {
      context.setPropertyResolved(true);
    }
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    if (isAddress(base, property)) {
      context.setPropertyResolved(true);
      return String.class;
    }
    return null;
  }

  /** Leaves writing to the engine's variable resolver. */
  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return base == null ? String.class : null;
  }

  private static boolean isAddress(Object base, Object property) {
    return base == null && property instanceof String name && ContactAddresses.VARIABLES.contains(name);
  }
}
