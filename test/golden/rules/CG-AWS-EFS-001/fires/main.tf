resource "aws_efs_file_system" "shared" {
#<^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning CG-AWS-EFS-001: The file system is not encrypted (`encrypted` defaults to false)
  creation_token = "shared"
}
