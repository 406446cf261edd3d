"""IIIF: the Image API 3.0 and Presentation API 3.0 answers for published images and missions."""
