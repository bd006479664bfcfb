import type { Rule, RuleViolation } from '../ruleTypes';
import { knownBool, knownString } from '../valueChecks';

export const storageTls: Rule = {
  id: 'CG-AZ-TLS-001',
  name: 'StorageAccountOldTls',
  title: 'Storage accounts refuse TLS older than 1.2',
  severity: 'warning',
  profiles: ['baseline', 'tls13'],
  appliesTo: ['azurerm_storage_account'],
  rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996). Azure Storage offers no TLS 1.3-only minimum, so `TLS1_2` is the strictest setting available; TLS 1.3 is negotiated whenever the client supports it.',
  remediation: 'Set `min_tls_version = "TLS1_2"`.',
  references: ['https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "azurerm_storage_account" "data" {\n  name                     = "northwinddata"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "ZRS"\n  min_tls_version          = "TLS1_0"\n}\n',
    good: 'resource "azurerm_storage_account" "data" {\n  name                     = "northwinddata"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "ZRS"\n  min_tls_version          = "TLS1_2"\n}\n',
  },
  check(r) {
    const v = knownString(r.attribute('min_tls_version'));
    return v === 'TLS1_0' || v === 'TLS1_1' ? [{ message: `\`${v}\` accepts deprecated TLS versions: set \`TLS1_2\``, at: r, path: 'min_tls_version', fix: { title: 'Require TLS 1.2 or later', target: r, attribute: 'min_tls_version', hcl: '"TLS1_2"' } }] : [];
  },
};

export const appGatewayTls: Rule = {
  id: 'CG-AZ-TLS-002',
  name: 'ApplicationGatewayNotTls13Only',
  title: 'Application gateways accept only TLS 1.3',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: ['azurerm_application_gateway'],
  rationale: 'Without an `ssl_policy` an application gateway uses a legacy predefined policy that accepts TLS 1.0; all predefined policies accept TLS 1.2. Only a `CustomV2` policy with `min_protocol_version = "TLSv1_3"` is TLS 1.3-only.',
  remediation: 'Add `ssl_policy { policy_type = "CustomV2", min_protocol_version = "TLSv1_3" }`.',
  references: ['https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "azurerm_application_gateway" "web" {\n  name     = "web"\n  location = "westeurope"\n\n  ssl_policy {\n    policy_type = "Predefined"\n    policy_name = "AppGwSslPolicy20220101S"\n  }\n}\n',
    good: 'resource "azurerm_application_gateway" "web" {\n  name     = "web"\n  location = "westeurope"\n\n  ssl_policy {\n    policy_type          = "CustomV2"\n    min_protocol_version = "TLSv1_3"\n  }\n}\n',
  },
  check(r) {
    const policies = r.blocks('ssl_policy');
    if (policies.length === 0) return [{ message: 'No `ssl_policy`: the gateway uses a legacy policy that accepts TLS 1.0', at: r }];
    const out: RuleViolation[] = [];
    for (const p of policies) {
      const type = knownString(p.attribute('policy_type'));
      if (type === 'Predefined') out.push({ message: 'Predefined SSL policies accept TLS 1.2: use `CustomV2` with `min_protocol_version = "TLSv1_3"`', at: p, path: 'policy_type' });
      else if (type === 'Custom' || type === 'CustomV2') {
        const min = p.attribute('min_protocol_version');
        const text = knownString(min);
        if (min === undefined || (text !== undefined && text !== 'TLSv1_3')) out.push({ message: `The minimum protocol is ${text === undefined ? 'not set' : `\`${text}\``}: set \`min_protocol_version = "TLSv1_3"\``, at: p, path: min === undefined ? 'policy_type' : 'min_protocol_version' });
      }
    }
    return out;
  },
};

const webAppTypes = ['azurerm_linux_web_app', 'azurerm_windows_web_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];

export const webAppTls: Rule = {
  id: 'CG-AZ-TLS-003',
  name: 'WebAppNotTls13',
  title: 'App Service apps require TLS 1.3',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: webAppTypes,
  rationale: 'App Service defaults to a TLS 1.2 minimum; TLS 1.3-only endpoints remove the older protocol and its cipher suites.',
  remediation: 'Set `site_config { minimum_tls_version = "1.3" }` (and `scm_minimum_tls_version`).',
  references: ['https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-tls-versions'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "azurerm_linux_web_app" "api" {\n  name     = "api"\n  location = "westeurope"\n\n  site_config {\n    minimum_tls_version = "1.2"\n  }\n}\n',
    good: 'resource "azurerm_linux_web_app" "api" {\n  name     = "api"\n  location = "westeurope"\n\n  site_config {\n    minimum_tls_version = "1.3"\n  }\n}\n',
  },
  check(r) {
    return r.blocks('site_config').flatMap((s) => {
      const v = s.attribute('minimum_tls_version');
      const fix = { title: 'Require TLS 1.3', target: s, attribute: 'minimum_tls_version', hcl: '"1.3"' };
      if (v === undefined) return [{ message: 'No `minimum_tls_version`: the app accepts TLS 1.2', at: s, fix }];
      const text = knownString(v);
      return text !== undefined && text !== '1.3' ? [{ message: `\`minimum_tls_version = "${text}"\` accepts protocols older than TLS 1.3`, at: s, path: 'minimum_tls_version', fix }] : [];
    });
  },
};

export const sqlServerTls: Rule = {
  id: 'CG-AZ-TLS-004',
  name: 'SqlServerNotTls13',
  title: 'Azure SQL servers require TLS 1.3',
  severity: 'warning',
  profiles: ['tls13'],
  appliesTo: ['azurerm_mssql_server'],
  rationale: 'The server-wide minimum TLS version decides which clients may connect; TLS 1.3 removes downgrade-prone older protocols.',
  remediation: 'Set `minimum_tls_version = "1.3"`.',
  references: ['https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimum-tls-version'],
  tags: ['security', 'tls', 'encryption-in-transit', 'database'],
  example: {
    bad: 'resource "azurerm_mssql_server" "db" {\n  name                          = "northwind-sql"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.2"\n  public_network_access_enabled = false\n}\n',
    good: 'resource "azurerm_mssql_server" "db" {\n  name                          = "northwind-sql"\n  location                      = "westeurope"\n  version                       = "12.0"\n  minimum_tls_version           = "1.3"\n  public_network_access_enabled = false\n}\n',
  },
  check(r) {
    const v = r.attribute('minimum_tls_version');
    const fix = { title: 'Require TLS 1.3', target: r, attribute: 'minimum_tls_version', hcl: '"1.3"' };
    if (v === undefined) return [{ message: 'No `minimum_tls_version`: the server accepts TLS 1.2', at: r, fix }];
    const text = knownString(v);
    return text !== undefined && text !== '1.3' ? [{ message: `\`minimum_tls_version = "${text}"\` accepts protocols older than TLS 1.3`, at: r, path: 'minimum_tls_version', fix }] : [];
  },
};

export const webAppHttpsOnly: Rule = {
  id: 'CG-AZ-TLS-005',
  name: 'WebAppAllowsHttp',
  title: 'App Service apps redirect HTTP to HTTPS',
  severity: 'warning',
  profiles: ['baseline', 'tls13'],
  appliesTo: webAppTypes,
  rationale: 'With `https_only` off the app answers plain HTTP, sending cookies and data unencrypted.',
  remediation: 'Set `https_only = true`.',
  references: ['https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "azurerm_linux_web_app" "api" {\n  name     = "api"\n  location = "westeurope"\n}\n',
    good: 'resource "azurerm_linux_web_app" "api" {\n  name       = "api"\n  location   = "westeurope"\n  https_only = true\n}\n',
  },
  check(r) {
    const v = r.attribute('https_only');
    const fix = { title: 'Serve only HTTPS', target: r, attribute: 'https_only', hcl: 'true' };
    if (v === undefined) return [{ message: 'The app answers plain HTTP (`https_only` defaults to false)', at: r, fix }];
    return knownBool(v) === false ? [{ message: 'The app answers plain HTTP', at: r, path: 'https_only', fix }] : [];
  },
};

export const redisTls: Rule = {
  id: 'CG-AZ-TLS-006',
  name: 'RedisOldTlsOrPlainPort',
  title: 'Azure Cache for Redis uses TLS 1.2 or later only',
  severity: 'warning',
  profiles: ['baseline', 'tls13'],
  appliesTo: ['azurerm_redis_cache'],
  rationale: 'The non-TLS port sends keys and values in the clear, and TLS 1.0/1.1 are deprecated.',
  remediation: 'Set `non_ssl_port_enabled = false` and `minimum_tls_version = "1.2"`.',
  references: ['https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11'],
  tags: ['security', 'tls', 'encryption-in-transit'],
  example: {
    bad: 'resource "azurerm_redis_cache" "cache" {\n  name                 = "cache"\n  location             = "westeurope"\n  non_ssl_port_enabled = true\n}\n',
    good: 'resource "azurerm_redis_cache" "cache" {\n  name                = "cache"\n  location            = "westeurope"\n  minimum_tls_version = "1.2"\n}\n',
  },
  check(r) {
    const out: RuleViolation[] = [];
    for (const name of ['non_ssl_port_enabled', 'enable_non_ssl_port']) {
      if (knownBool(r.attribute(name)) === true) out.push({ message: 'The plain-text Redis port (6379) is open', at: r, path: name, fix: { title: 'Close the plain-text port', target: r, attribute: name, hcl: 'false' } });
    }
    const tls = knownString(r.attribute('minimum_tls_version'));
    if (tls === '1.0' || tls === '1.1') out.push({ message: `\`minimum_tls_version = "${tls}"\` accepts deprecated TLS versions`, at: r, path: 'minimum_tls_version' });
    return out;
  },
};

export const azureTransportRules: Rule[] = [storageTls, appGatewayTls, webAppTls, sqlServerTls, webAppHttpsOnly, redisTls];
