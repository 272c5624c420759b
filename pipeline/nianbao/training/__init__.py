"""Training: train, evaluate and average the transformer; its data and augmentation."""
