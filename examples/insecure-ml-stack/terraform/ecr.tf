resource "aws_ecr_repository" "scorer" {
  name = "${var.project}/scorer"

  # Mutable tags: ":latest" can be re-pointed at another image after review.
  image_tag_mutability = "MUTABLE"
}
