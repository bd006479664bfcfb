variable "db_password" {
  type    = string
  default = "Northwind-2023!"
#           ^^^^^^^^^^^^^^^^^ error CG-TF-SEC-001: Variable `db_password` has a plain-text default: remove it and pass the secret at apply time
}
