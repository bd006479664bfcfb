resource "azurerm_log_analytics_workspace" "audit" {
  name              = "audit"
  location          = "westeurope"
  retention_in_days = 730
}
