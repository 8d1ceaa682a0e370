"""Language-neutral CMS endpoints (robots.txt, sitemap.xml, feeds)."""

urlpatterns = []
