"""Content intake: files and web pages to Markdown articles, and their language.

``document_extract`` reads an upload, ``page_fetch`` fetches a web page or sitemap safely,
``html_to_markdown`` cleans HTML, ``sitemap_parse`` reads a sitemap, ``language_detect`` tells
English from Dutch.
"""
