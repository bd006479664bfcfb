import * as assert from 'node:assert/strict';
import { isSecretKeyName, looksSecret, redactSecretsInText } from '../../../server/cloud/secretPatterns';

describe('secret patterns', () => {
  const secrets = [
    'AKIAIOSFODNN7EXAMPLE',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'export DB_PASSWORD=hunter2-never',
    'AWS_SECRET_ACCESS_KEY=abc123def456',
    'postgres://admin:s3cr3t@db.internal:5432/app',
    '-----BEGIN RSA PRIVATE KEY-----\nMIIE',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig',
    'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abcdEFGH1234==;',
    'Authorization: Bearer abcdefghijklmnop1234',
  ];
  const ordinary = [
    'northwind-production-app',
    'vpc-0a1b2c3d4e5f67890',
    'arn:aws:iam::123456789012:role/CartographReadOnly',
    'SSH for on-call engineers (OPS-1187)',
    'Postgres from the application and the ETL worker',
    '3f786850e387550fdab836ed7e6dc881de23001b',
    'ELBSecurityPolicy-TLS13-1-3-2021-06',
    '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/hub-vnet',
    'password rotation runbook',
  ];

  for (const value of secrets) it(`recognises ${JSON.stringify(value.slice(0, 30))}`, () => assert.equal(looksSecret(value), true));
  for (const value of ordinary) it(`leaves ${JSON.stringify(value.slice(0, 40))} alone`, () => assert.equal(looksSecret(value), false));

  it('knows the key names whose values are secret whatever they look like', () => {
    for (const key of ['DB_PASSWORD', 'api_key', 'ClientSecret', 'GITHUB_TOKEN', 'connection-string']) assert.equal(isSecretKeyName(key), true, key);
    for (const key of ['Name', 'Owner', 'CostCenter', 'Environment', 'KeyName', 'Bypass']) assert.equal(isSecretKeyName(key), false, key);
  });

  it('redacts the secret parts of a message and keeps the rest readable', () => {
    assert.equal(
      redactSecretsInText('InvalidClientTokenId: key AKIAIOSFODNN7EXAMPLE is not valid'),
      'InvalidClientTokenId: key [redacted] is not valid',
    );
  });
});
