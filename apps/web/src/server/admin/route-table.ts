/**
 * Endpoint id → the route handler that serves it, so tests can call any management endpoint
 * generically (the authorisation test walks every endpoint of features/admin/endpoints.ts through
 * this table). When you add an endpoint to the registry, add its handler here: import the route
 * module (`import * as x from "@/app/api/admin/.../route"`) and map the id to its method export.
 */

import * as catalog from "@/app/api/admin/catalog/route";
import * as inviteAccept from "@/app/api/admin/invites/[token]/accept/route";
import * as sharedModel from "@/app/api/admin/models/[modelId]/route";
import * as sharedConnectionImport from "@/app/api/admin/providers/[connectionId]/catalog-models/route";
import * as sharedConnection from "@/app/api/admin/providers/[connectionId]/route";
import * as sharedConnections from "@/app/api/admin/providers/route";
import * as teamAudit from "@/app/api/admin/teams/[teamId]/audit/route";
import * as budgetAlerts from "@/app/api/admin/teams/[teamId]/budgets/[budgetId]/alerts/route";
import * as budget from "@/app/api/admin/teams/[teamId]/budgets/[budgetId]/route";
import * as budgets from "@/app/api/admin/teams/[teamId]/budgets/route";
import * as invite from "@/app/api/admin/teams/[teamId]/invites/[inviteId]/route";
import * as invites from "@/app/api/admin/teams/[teamId]/invites/route";
import * as key from "@/app/api/admin/teams/[teamId]/keys/[keyId]/route";
import * as keys from "@/app/api/admin/teams/[teamId]/keys/route";
import * as keyScopes from "@/app/api/admin/teams/[teamId]/keys/scopes/route";
import * as member from "@/app/api/admin/teams/[teamId]/members/[userId]/route";
import * as members from "@/app/api/admin/teams/[teamId]/members/route";
import * as model from "@/app/api/admin/teams/[teamId]/models/[modelId]/route";
import * as modelsHealth from "@/app/api/admin/teams/[teamId]/models/health/route";
import * as models from "@/app/api/admin/teams/[teamId]/models/route";
import * as policy from "@/app/api/admin/teams/[teamId]/policies/[policyId]/route";
import * as policyPublish from "@/app/api/admin/teams/[teamId]/policies/[policyId]/versions/[versionId]/publish/route";
import * as policyVersions from "@/app/api/admin/teams/[teamId]/policies/[policyId]/versions/route";
import * as policyExplain from "@/app/api/admin/teams/[teamId]/policies/explain/route";
import * as policies from "@/app/api/admin/teams/[teamId]/policies/route";
import * as policyThresholds from "@/app/api/admin/teams/[teamId]/policies/thresholds/route";
import * as policyValidate from "@/app/api/admin/teams/[teamId]/policies/validate/route";
import * as connectionImport from "@/app/api/admin/teams/[teamId]/providers/[connectionId]/catalog-models/route";
import * as connection from "@/app/api/admin/teams/[teamId]/providers/[connectionId]/route";
import * as connections from "@/app/api/admin/teams/[teamId]/providers/route";
import * as teamRequest from "@/app/api/admin/teams/[teamId]/requests/[requestId]/route";
import * as teamRequests from "@/app/api/admin/teams/[teamId]/requests/route";
import * as teamSettings from "@/app/api/admin/teams/[teamId]/settings/route";
import * as usageOverview from "@/app/api/admin/teams/[teamId]/usage/overview/route";
import * as teams from "@/app/api/admin/teams/route";
import * as token from "@/app/api/admin/tokens/[tokenId]/route";
import * as tokens from "@/app/api/admin/tokens/route";

export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export const routeTable: Record<string, RouteHandler> = {
  "teams.list": teams.GET,
  "teams.create": teams.POST,
  "teams.updateSettings": teamSettings.PATCH,
  "members.list": members.GET,
  "members.update": member.PATCH,
  "members.remove": member.DELETE,
  "invites.list": invites.GET,
  "invites.create": invites.POST,
  "invites.revoke": invite.DELETE,
  "invites.accept": inviteAccept.POST,
  "keys.list": keys.GET,
  "keys.create": keys.POST,
  "keys.revoke": key.DELETE,
  "keys.scopes": keyScopes.GET,
  "tokens.list": tokens.GET,
  "tokens.create": tokens.POST,
  "tokens.revoke": token.DELETE,
  "audit.list": teamAudit.GET,
  "policies.list": policies.GET,
  "policies.create": policies.POST,
  "policies.get": policy.GET,
  "policies.versions.create": policyVersions.POST,
  "policies.versions.publish": policyPublish.POST,
  "policies.validate": policyValidate.POST,
  "policies.explain": policyExplain.POST,
  "policies.thresholds": policyThresholds.GET,
  "providers.catalog": catalog.GET,
  "providers.list": connections.GET,
  "providers.create": connections.POST,
  "providers.update": connection.PATCH,
  "providers.delete": connection.DELETE,
  "providers.importCatalog": connectionImport.POST,
  "sharedProviders.create": sharedConnections.POST,
  "sharedProviders.update": sharedConnection.PATCH,
  "sharedProviders.delete": sharedConnection.DELETE,
  "sharedProviders.importCatalog": sharedConnectionImport.POST,
  "models.list": models.GET,
  "models.update": model.PATCH,
  "sharedModels.update": sharedModel.PATCH,
  "models.health": modelsHealth.GET,
  "budgets.list": budgets.GET,
  "budgets.create": budgets.POST,
  "budgets.update": budget.PATCH,
  "budgets.delete": budget.DELETE,
  "budgets.alerts": budgetAlerts.GET,
  "usage.overview": usageOverview.GET,
  "requests.list": teamRequests.GET,
  "requests.get": teamRequest.GET,
};
