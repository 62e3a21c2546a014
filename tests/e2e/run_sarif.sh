#!/usr/bin/env bash
# placeholder until the sarif format lands
exit 0
