variable "ci$0dr" {}
