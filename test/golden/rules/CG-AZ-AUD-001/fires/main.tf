resource "azurerm_log_analytics_workspace" "audit" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-AUD-001: Logs are kept for 30 days (the default), less than the 365 days required
  name     = "audit"
  location = "westeurope"
}
