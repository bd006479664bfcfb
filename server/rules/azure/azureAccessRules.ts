import { adminPorts, allPortsViolations, azureWorldIngress, databasePorts, exposedPortViolations } from '../networkExposure';
import { normaliseRegion } from '../regions';
import type { Rule } from '../ruleTypes';
import { listKinds, secretsIn } from '../secretText';
import { knownNumber, knownString } from '../valueChecks';

const nsgTypes = ['azurerm_network_security_group', 'azurerm_network_security_rule'];

export const nsgAdminPorts: Rule = {
  id: 'CG-AZ-NSG-001',
  name: 'NsgAdminPortOpenToInternet',
  title: 'No SSH or RDP from the internet through network security groups',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: nsgTypes,
  rationale: 'SSH and RDP reachable from `*`, `Internet` or 0.0.0.0/0 are brute-forced continuously.',
  remediation: 'Restrict `source_address_prefix(es)` to known ranges, or use Azure Bastion or just-in-time VM access.',
  references: ['https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview'],
  tags: ['security', 'network', 'nsg'],
  example: {
    bad: 'resource "azurerm_network_security_rule" "ssh" {\n  name                        = "ssh"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "22"\n  source_address_prefix       = "*"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "web"\n}\n',
    good: 'resource "azurerm_network_security_rule" "ssh" {\n  name                        = "ssh"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "22"\n  source_address_prefix       = "198.51.100.0/24"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "web"\n}\n',
  },
  check(r) {
    return exposedPortViolations(azureWorldIngress(r), adminPorts, 'allow it only from known address ranges');
  },
};

export const nsgDatabasePorts: Rule = {
  id: 'CG-AZ-NSG-002',
  name: 'NsgDatabasePortOpenToInternet',
  title: 'No database ports from the internet through network security groups',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: nsgTypes,
  rationale: 'Database ports reachable from the internet expose data stores to credential stuffing and exploits.',
  remediation: 'Allow database ports only from the application subnet or known address ranges.',
  references: ['https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview'],
  tags: ['security', 'network', 'nsg', 'database'],
  example: {
    bad: 'resource "azurerm_network_security_group" "db" {\n  name     = "db"\n  location = "westeurope"\n\n  security_rule {\n    name                       = "sql"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "1433"\n    source_address_prefix      = "Internet"\n    destination_address_prefix = "*"\n  }\n}\n',
    good: 'resource "azurerm_network_security_group" "db" {\n  name     = "db"\n  location = "westeurope"\n\n  security_rule {\n    name                       = "sql"\n    priority                   = 100\n    direction                  = "Inbound"\n    access                     = "Allow"\n    protocol                   = "Tcp"\n    source_port_range          = "*"\n    destination_port_range     = "1433"\n    source_address_prefix      = "10.1.0.0/16"\n    destination_address_prefix = "*"\n  }\n}\n',
  },
  check(r) {
    return exposedPortViolations(azureWorldIngress(r), databasePorts, 'allow it only from the application tier or known address ranges');
  },
};

export const nsgAllPorts: Rule = {
  id: 'CG-AZ-NSG-003',
  name: 'NsgAllPortsOpenToInternet',
  title: 'No network security rule opens every port to the internet',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: nsgTypes,
  rationale: 'An inbound Allow rule for port `*` from the internet publishes every service on the subnet or interface.',
  remediation: 'Allow only the ports the service needs, from known address ranges.',
  references: ['https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview'],
  tags: ['security', 'network', 'nsg'],
  example: {
    bad: 'resource "azurerm_network_security_rule" "any" {\n  name                        = "any"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "*"\n  source_port_range           = "*"\n  destination_port_range      = "*"\n  source_address_prefixes     = ["0.0.0.0/0", "::/0"]\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "web"\n}\n',
    good: 'resource "azurerm_network_security_rule" "https" {\n  name                        = "https"\n  priority                    = 100\n  direction                   = "Inbound"\n  access                      = "Allow"\n  protocol                    = "Tcp"\n  source_port_range           = "*"\n  destination_port_range      = "443"\n  source_address_prefix       = "Internet"\n  destination_address_prefix  = "*"\n  resource_group_name         = "rg"\n  network_security_group_name = "web"\n}\n',
  },
  check(r) {
    return allPortsViolations(azureWorldIngress(r));
  },
};

export const azureLocation: Rule = {
  id: 'CG-AZ-RES-001',
  name: 'AzureLocationOutsideResidency',
  title: 'Azure resources live in the allowed regions',
  severity: 'error',
  profiles: ['eu-residency'],
  appliesTo: ['azurerm_*'],
  rationale: 'A resource\'s `location` decides where its data is stored and processed; residency commitments name the allowed regions.',
  remediation: 'Set `location` to one of the allowed regions (`cartograph.allowedRegions`, `--allowed-regions`).',
  references: ['https://learn.microsoft.com/azure/reliability/regions-list'],
  tags: ['compliance', 'residency'],
  example: {
    bad: 'resource "azurerm_resource_group" "main" {\n  name     = "northwind"\n  location = "East US"\n}\n',
    good: 'resource "azurerm_resource_group" "main" {\n  name     = "northwind"\n  location = "West Europe"\n}\n',
  },
  check(r, context) {
    const location = knownString(r.attribute('location'));
    // `global` is where Azure keeps resources with no region (DNS zones, Front Door).
    if (location === undefined || normaliseRegion(location) === 'global' || context.settings.allowedRegions.has(normaliseRegion(location))) return [];
    return [{ message: `Location \`${location}\` is not in the allowed regions`, at: r, path: 'location' }];
  },
};

export const roleDefinitionWildcard: Rule = {
  id: 'CG-AZ-IAM-001',
  name: 'RoleDefinitionAllowsAllActions',
  title: 'Custom Azure roles do not allow every action',
  severity: 'error',
  profiles: ['least-privilege-iam'],
  appliesTo: ['azurerm_role_definition'],
  rationale: 'A custom role with `actions = ["*"]` is Owner in all but name.',
  remediation: 'List the resource provider operations the role needs.',
  references: ['https://learn.microsoft.com/azure/role-based-access-control/custom-roles'],
  tags: ['security', 'iam', 'least-privilege'],
  example: {
    bad: 'resource "azurerm_role_definition" "deploy" {\n  name  = "deploy"\n  scope = "/subscriptions/0000"\n\n  permissions {\n    actions = ["*"]\n  }\n}\n',
    good: 'resource "azurerm_role_definition" "deploy" {\n  name  = "deploy"\n  scope = "/subscriptions/0000"\n\n  permissions {\n    actions = ["Microsoft.Web/sites/restart/action"]\n  }\n}\n',
  },
  check(r) {
    return r.blocks('permissions').flatMap((p) => {
      const actions = p.attribute('actions');
      const list = actions?.kind === 'list' ? actions.items : [];
      return list.some((a) => a.kind === 'string' && a.value === '*') ? [{ message: 'The role allows every action (`*`)', at: p, path: 'actions' }] : [];
    });
  },
};

export const ownerAssignment: Rule = {
  id: 'CG-AZ-IAM-002',
  name: 'OwnerRoleAssigned',
  title: 'The Owner role is not assigned from code',
  severity: 'warning',
  profiles: ['least-privilege-iam'],
  appliesTo: ['azurerm_role_assignment'],
  rationale: 'Owner can change any resource and grant access to others; workloads and pipelines rarely need more than a scoped built-in role.',
  remediation: 'Assign the narrowest built-in role (Contributor on one resource group, or a data-plane role) instead.',
  references: ['https://learn.microsoft.com/azure/role-based-access-control/best-practices'],
  tags: ['security', 'iam', 'least-privilege'],
  example: {
    bad: 'resource "azurerm_role_assignment" "ci" {\n  scope                = "/subscriptions/0000"\n  role_definition_name = "Owner"\n  principal_id         = "00000000-0000-0000-0000-000000000000"\n}\n',
    good: 'resource "azurerm_role_assignment" "ci" {\n  scope                = "/subscriptions/0000/resourceGroups/app"\n  role_definition_name = "Website Contributor"\n  principal_id         = "00000000-0000-0000-0000-000000000000"\n}\n',
  },
  check(r) {
    return knownString(r.attribute('role_definition_name')) === 'Owner' ? [{ message: 'This assignment grants Owner', at: r, path: 'role_definition_name' }] : [];
  },
};

export const logAnalyticsRetention: Rule = {
  id: 'CG-AZ-AUD-001',
  name: 'LogAnalyticsRetentionTooShort',
  title: 'Log Analytics workspaces keep logs long enough',
  severity: 'warning',
  profiles: ['audit-retention'],
  appliesTo: ['azurerm_log_analytics_workspace'],
  rationale: 'Activity and sign-in logs sent to a workspace are the audit trail; the default 30 days is far shorter than audits reach back.',
  remediation: 'Set `retention_in_days` to at least the audit retention (365 by default), or archive to immutable storage.',
  references: ['https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure'],
  tags: ['compliance', 'audit', 'retention'],
  example: {
    bad: 'resource "azurerm_log_analytics_workspace" "audit" {\n  name     = "audit"\n  location = "westeurope"\n}\n',
    good: 'resource "azurerm_log_analytics_workspace" "audit" {\n  name              = "audit"\n  location          = "westeurope"\n  retention_in_days = 730\n}\n',
  },
  check(r, context) {
    const v = r.attribute('retention_in_days');
    const minimum = context.settings.auditRetentionDays;
    if (v === undefined) return [{ message: `Logs are kept for 30 days (the default), less than the ${minimum} days required`, at: r }];
    const days = knownNumber(v);
    return days !== undefined && days < minimum ? [{ message: `Logs are kept for ${days} days, less than the ${minimum} days required`, at: r, path: 'retention_in_days' }] : [];
  },
};

const customDataTypes = ['azurerm_linux_virtual_machine', 'azurerm_windows_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_windows_virtual_machine_scale_set'];

export const customDataSecrets: Rule = {
  id: 'CG-AZ-SEC-001',
  name: 'SecretInCustomData',
  title: 'No secrets in VM custom data',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: customDataTypes,
  rationale: 'Custom data and user data are stored with the VM model and in Terraform state, and are readable from inside the VM.',
  remediation: 'Use a managed identity and read secrets from Key Vault at boot. Rotate what was written.',
  references: ['https://learn.microsoft.com/azure/virtual-machines/custom-data'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'resource "azurerm_linux_virtual_machine" "worker" {\n  name        = "worker"\n  location    = "westeurope"\n  custom_data = base64encode("DB_PASSWORD=hunter2hunter2")\n}\n',
    good: 'resource "azurerm_linux_virtual_machine" "worker" {\n  name        = "worker"\n  location    = "westeurope"\n  custom_data = base64encode("DB_PASSWORD_SECRET_NAME=db-password")\n}\n',
  },
  check(r) {
    return ['custom_data', 'user_data'].flatMap((name) => {
      const text = r.text(name);
      const kinds = text === undefined ? [] : secretsIn(text);
      return kinds.length > 0 ? [{ message: `\`${name}\` holds ${listKinds(kinds)}: use a managed identity and Key Vault`, at: r, path: name }] : [];
    });
  },
};

const adminPasswords: Record<string, string> = {
  azurerm_linux_virtual_machine: 'admin_password',
  azurerm_windows_virtual_machine: 'admin_password',
  azurerm_linux_virtual_machine_scale_set: 'admin_password',
  azurerm_windows_virtual_machine_scale_set: 'admin_password',
  azurerm_mssql_server: 'administrator_login_password',
  azurerm_postgresql_flexible_server: 'administrator_password',
  azurerm_postgresql_server: 'administrator_login_password',
  azurerm_mysql_flexible_server: 'administrator_password',
};

export const azurePlaintextPassword: Rule = {
  id: 'CG-AZ-SEC-002',
  name: 'AzurePlaintextAdminPassword',
  title: 'No administrator passwords written in the configuration',
  severity: 'error',
  profiles: ['baseline'],
  appliesTo: Object.keys(adminPasswords),
  rationale: 'A literal password is in version control and every clone, and cannot be rotated without a commit.',
  remediation: 'Use Entra ID authentication, SSH keys, or read the password from Key Vault (`azurerm_key_vault_secret` data source or an ephemeral resource).',
  references: ['https://learn.microsoft.com/azure/key-vault/secrets/about-secrets'],
  tags: ['security', 'secrets'],
  example: {
    bad: 'resource "azurerm_mssql_server" "db" {\n  name                         = "northwind-sql"\n  location                     = "westeurope"\n  administrator_login          = "sqladmin"\n  administrator_login_password = "Sup3r-Secret-2024"\n}\n',
    good: 'variable "sql_admin_password" {\n  type      = string\n  sensitive = true\n}\n\nresource "azurerm_mssql_server" "db" {\n  name                         = "northwind-sql"\n  location                     = "westeurope"\n  administrator_login          = "sqladmin"\n  administrator_login_password = var.sql_admin_password\n}\n',
  },
  check(r) {
    const name = adminPasswords[r.type];
    if (!name || !r.isLiteral(name) || (knownString(r.attribute(name)) ?? '') === '') return [];
    return [{ message: `\`${name}\` is written in plain text: keep it in Key Vault`, at: r, path: name }];
  },
};

export const azureAccessRules: Rule[] = [nsgAdminPorts, nsgDatabasePorts, nsgAllPorts, azureLocation, roleDefinitionWildcard, ownerAssignment, logAnalyticsRetention, customDataSecrets, azurePlaintextPassword];
