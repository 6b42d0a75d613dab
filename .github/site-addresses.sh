#!/usr/bin/env bash
# The published site's address and its "Edit this page" base, for mkdocs.yml's `!ENV` values,
# worked out from the repository the workflow runs in, so a fork publishes correctly with no file
# edits. Prints `SITE_URL=...` and `EDIT_URI=...` (the publish workflow appends them to
# $GITHUB_ENV); tests/test_project_files.py runs it with a fork's values.
#
# SITE_URL, the first that is set:
#   1. $SITE_URL: the repository variable SITE_URL (a custom domain, or another host);
#   2. $PAGES_URL: the address GitHub Pages reports (actions/configure-pages' `base_url`; it
#      follows a custom domain set in the repository's Pages settings);
#   3. https://OWNER.github.io/REPO/, the address GitHub Pages gives a project site (a repository
#      named OWNER.github.io is served from the root, https://OWNER.github.io/).
# EDIT_URI: the editor's address of docs/ on the default branch, e.g.
#   https://github.com/OWNER/REPO/edit/main/docs/ ($GITHUB_SERVER_URL, $GITHUB_REPOSITORY and
#   $DEFAULT_BRANCH, which the workflow passes; main if it is unset).
set -euo pipefail

repository=${GITHUB_REPOSITORY:?"owner/name of the repository (GitHub Actions sets it)"}
owner=${repository%%/*}
name=${repository#*/}

site=${SITE_URL:-${PAGES_URL:-}}
if [[ -z $site ]]; then
  host="${owner,,}.github.io"   # GitHub Pages host names are lowercase
  if [[ ${name,,} == "$host" ]]; then
    site="https://$host/"
  else
    site="https://$host/$name/"
  fi
fi
site="${site%/}/"   # MkDocs joins page paths onto it: one trailing slash

server=${GITHUB_SERVER_URL:-https://github.com}
echo "SITE_URL=$site"
echo "EDIT_URI=${server%/}/$repository/edit/${DEFAULT_BRANCH:-main}/docs/"
