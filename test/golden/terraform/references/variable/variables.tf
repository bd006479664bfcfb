variable "c$0idr" {}
