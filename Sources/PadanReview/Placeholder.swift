enum PadanReviewPlaceholder {}
