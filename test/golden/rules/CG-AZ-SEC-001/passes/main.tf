resource "azurerm_linux_virtual_machine" "worker" {
  name        = "worker"
  location    = "westeurope"
  custom_data = base64encode("DB_PASSWORD_SECRET_NAME=db-password")
}
