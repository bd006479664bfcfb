resource "azurerm_linux_web_app" "api" {
  name       = "api"
  location   = "westeurope"
  https_only = true
}
