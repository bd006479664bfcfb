resource "azurerm_linux_web_app" "api" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AZ-TLS-005: The app answers plain HTTP (`https_only` defaults to false)
  name     = "api"
  location = "westeurope"

  site_config {
    minimum_tls_version = "1.2"
#                         ^^^^^ warning CG-AZ-TLS-003: `minimum_tls_version = "1.2"` accepts protocols older than TLS 1.3
  }
}
