resource "azurerm_linux_web_app" "api" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-TLS-005: The app answers plain HTTP (`https_only` defaults to false)
  name     = "api"
  location = "westeurope"
}
