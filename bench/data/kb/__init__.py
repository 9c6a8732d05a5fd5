"""The knowledge-base evaluation: a generated help centre (``corpus``) and labelled shopper
questions over it and over the demo store's articles (``dataset``)."""
