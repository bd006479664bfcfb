resource "azurerm_mssql_server_transparent_data_encryption" "db" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-SQL-002: TDE uses a service-managed key: set `key_vault_key_id`
  server_id = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Sql/servers/northwind-sql"
}
