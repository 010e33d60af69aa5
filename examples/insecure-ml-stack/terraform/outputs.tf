output "endpoint_name" {
  value = aws_sagemaker_endpoint.scoring.name
}

output "training_data_bucket" {
  value = aws_s3_bucket.training_data.bucket
}

output "notebook_instance_name" {
  value = aws_sagemaker_notebook_instance.research.name
}
