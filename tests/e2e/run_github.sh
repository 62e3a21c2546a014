#!/usr/bin/env bash
# placeholder until the github format lands
exit 0
