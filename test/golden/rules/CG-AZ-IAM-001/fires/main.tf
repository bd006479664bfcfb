resource "azurerm_role_definition" "deploy" {
  name  = "deploy"
  scope = "/subscriptions/0000"

  permissions {
    actions = ["*"]
#             ^^^^^ error CG-AZ-IAM-001: The role allows every action (`*`)
  }
}
