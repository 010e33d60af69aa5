# The key exists and encrypts the bucket, but the notebook volume and the endpoint storage are
# left on AWS-managed keys.

data "aws_iam_policy_document" "ml_key" {
  statement {
    sid       = "AccountAdministration"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "ml" {
  description         = "fraud-detection ML data key"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.ml_key.json
}

resource "aws_kms_alias" "ml" {
  name          = "alias/${var.project}-ml"
  target_key_id = aws_kms_key.ml.key_id
}
