# Immutable tags, scan on push, encrypted with our key. Models reference images by digest.
resource "aws_ecr_repository" "scorer" {
  name                 = "${var.project}/scorer"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}
