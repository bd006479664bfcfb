resource "azurerm_mssql_server_transparent_data_encryption" "db" {
  server_id        = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"
  key_vault_key_id = "https://northwind.vault.azure.net/keys/tde/1"
}
