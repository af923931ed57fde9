package io.touchpoint.app.security;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.touchpoint.error.ErrorCode;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * With Camunda authorization on (the {@code postgres} profile), a login alone grants nothing: a user's rights come
 * from the groups this plugin creates at engine start, each with its grants on every journey ({@code *}). A user is
 * given a role by adding them to a group (Camunda Admin, or the identity service). Groups and grants that already
 * exist are left as they are, so an operator's changes survive restarts, and nodes starting together converge.
 * Ids are letters only, as Camunda's default id pattern for groups requires.
 *
 * <ul>
 *   <li>{@value #ANALYSTS}: deploy journeys (Camunda Modeler, {@code /engine-rest/deployment/create}), read them and
 *       their history, see them in Cockpit. Cannot touch running instances.</li>
 *   <li>{@value #OPERATORS}: Cockpit; read, suspend, cancel and modify instances, retry failed jobs (resolve
 *       incidents), bulk operations. Cannot deploy.</li>
 *   <li>{@value #API}: machine users reading journeys and their instances over the engine REST API. Business events
 *       do not need it: {@code /api/events} authenticates with an API key and needs no Camunda user.</li>
 * </ul>
 * Administrators ({@code camunda-admin}, e.g. {@code TOUCHPOINT_ADMIN_USER}) keep Camunda's full rights.
 */
@Component
@ConditionalOnProperty(prefix = "camunda.bpm.authorization", name = "enabled", havingValue = "true")
public class AccessGroups extends AbstractProcessEnginePlugin {

  public static final String ANALYSTS = "touchpointAnalysts";
  public static final String OPERATORS = "touchpointOperators";
  public static final String API = "touchpointApi";

  private static final Logger LOG = LoggerFactory.getLogger(AccessGroups.class);
  private static final String ANY = Authorization.ANY;

  /** One grant of a group on a resource. */
  record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
  }

  static final List<Grant> GRANTS = List.of(
      new Grant(ANALYSTS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
      new Grant(ANALYSTS, Resources.DEPLOYMENT, ANY, List.of(Permissions.CREATE, Permissions.READ)),
      new Grant(ANALYSTS, Resources.PROCESS_DEFINITION, ANY,
          List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY)),

      new Grant(OPERATORS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)),
      new Grant(OPERATORS, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)),
      new Grant(OPERATORS, Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.DELETE_INSTANCE,
          ProcessDefinitionPermissions.RETRY_JOB, ProcessDefinitionPermissions.SUSPEND_INSTANCE)),
      new Grant(OPERATORS, Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.READ,
          ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.DELETE, ProcessInstancePermissions.RETRY_JOB,
          ProcessInstancePermissions.SUSPEND)),
      new Grant(OPERATORS, Resources.BATCH, ANY, List.of(Permissions.CREATE, Permissions.READ)),

      new Grant(API, Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY)),
      new Grant(API, Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.READ)));

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    if (identity.isReadOnly()) {
      LOG.info(ErrorCode.ACCESS_001 + " the identity service is read-only (e.g. LDAP): groups {}, {} and {} are "
          + "expected to exist there", ANALYSTS, OPERATORS, API);
    } else {
      ensureGroup(identity, ANALYSTS, "Touchpoint analysts");
      ensureGroup(identity, OPERATORS, "Touchpoint operators");
      ensureGroup(identity, API, "Touchpoint API");
    }
    GRANTS.forEach(grant -> ensureGrant(engine.getAuthorizationService(), grant));
  }

  private static void ensureGroup(IdentityService identity, String id, String name) {
    if (identity.createGroupQuery().groupId(id).count() > 0) {
      return;
    }
    Group group = identity.newGroup(id);
    group.setName(name);
    group.setType(Groups.GROUP_TYPE_WORKFLOW);
    try {
      identity.saveGroup(group);
      LOG.info(ErrorCode.ACCESS_002 + " created group {}", id);
    } catch (ProcessEngineException e) {
      // another node starting at the same moment created it
      if (identity.createGroupQuery().groupId(id).count() == 0) {
        throw e;
      }
    }
  }

  private static void ensureGrant(AuthorizationService authorizations, Grant grant) {
    if (exists(authorizations, grant)) {
      return;
    }
    Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
    authorization.setGroupId(grant.groupId());
    authorization.setResource(grant.resource());
    authorization.setResourceId(grant.resourceId());
    grant.permissions().forEach(authorization::addPermission);
    try {
      authorizations.saveAuthorization(authorization);
    } catch (ProcessEngineException e) {
      // another node starting at the same moment saved it (unique per group, resource and id)
      if (!exists(authorizations, grant)) {
        throw e;
      }
    }
  }

  private static boolean exists(AuthorizationService authorizations, Grant grant) {
    return authorizations.createAuthorizationQuery().groupIdIn(grant.groupId())
        .resourceType(grant.resource()).resourceId(grant.resourceId()).count() > 0;
  }
}
