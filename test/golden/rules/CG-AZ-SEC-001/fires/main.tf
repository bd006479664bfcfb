resource "azurerm_linux_virtual_machine" "worker" {
  name        = "worker"
  location    = "westeurope"
  custom_data = base64encode("DB_PASSWORD=hunter2hunter2")
#               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error CG-AZ-SEC-001: `custom_data` holds a password or token: use a managed identity and Key Vault
}
