# OER Hub developer commands. `make run` serves the demo; `make test` runs every suite.
# Lệnh cho nhà phát triển. `make run` chạy bản demo; `make test` chạy mọi bộ kiểm thử.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PORT ?= 8000
PYTHON ?= python3
SETTINGS ?= oer_hub.settings.dev
VENV := .venv
PY := $(VENV)/bin/python
# Links printed by load_demo and used by the admin follow the chosen port.
SITE_BASE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := SITE_BASE_URL=$(SITE_BASE_URL) DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py
# Extra pytest arguments, e.g. make test ARGS="tests/test_smoke.py -x"
ARGS ?=

export PYTHON VENV

# $(call say,Vietnamese,English) prints one step in both languages (no commas inside).
say = @printf '\n==> %s\n    %s\n' "$(1)" "$(2)"

.PHONY: help venv run migrate demo static check messages test test-sqlite test-postgresql clean

help: ## Liệt kê lệnh / list the targets
	@echo "OER Hub — Kho học liệu mở GDTX"
	@echo
	@echo "  make run      Cài đặt + dữ liệu mẫu + chạy tại http://127.0.0.1:$(PORT)/"
	@echo "                Set up, load the demo catalogue, serve on 127.0.0.1:\$$PORT (default 8000)"
	@echo "  make test     Kiểm tra + mọi bộ kiểm thử (SQLite và PostgreSQL nếu có)"
	@echo "                Checks + all test suites (SQLite, and PostgreSQL when reachable)"
	@echo "  make test-sqlite / make test-postgresql   Chỉ một bộ / one suite only"
	@echo "  make migrate  Áp dụng migration / apply database migrations"
	@echo "  make demo     Nạp dữ liệu mẫu (chạy lại an toàn) / load the demo data (idempotent)"
	@echo "  make static   collectstatic vào var/static / collect static files"
	@echo "  make check    manage.py check + makemigrations --check"
	@echo "  make messages Cập nhật và biên dịch bản dịch tiếng Việt / extract and compile the Vietnamese translations"
	@echo "  make venv     Tạo/cập nhật .venv / create or update the virtualenv"
	@echo "  make clean    Xóa var/ (CSDL, tệp tải lên) và .venv / delete var/ (database, uploads) and .venv"
	@echo
	@echo "  Biến / variables: PORT=$(PORT) PYTHON=$(PYTHON) SETTINGS=$(SETTINGS) ARGS=\"pytest args\""

venv:
	@bash scripts/venv.sh

migrate: venv
	$(call say,Áp dụng migration cơ sở dữ liệu (lần đầu mất khoảng một phút),Applying database migrations (about a minute the first time))
	@mkdir -p var
	@$(MANAGE) migrate --noinput --verbosity 0
	@echo "    Xong / Done"

demo: migrate
	$(call say,Nạp danh mục học liệu mẫu (chạy lại an toàn),Loading the demo catalogue (safe to repeat))
	@$(MANAGE) load_demo

static: venv
	$(call say,Thu thập tệp tĩnh vào var/static,Collecting static files into var/static)
	@$(MANAGE) collectstatic --noinput --verbosity 0

check: venv
	@$(PY) scripts/run_tests.py --suite checks

run: demo
	$(call say,Đang phục vụ tại http://127.0.0.1:$(PORT)/ (Ctrl+C để dừng),Serving at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop))
	@echo "    Trang chủ / Home:        http://127.0.0.1:$(PORT)/"
	@echo "    Quản trị / Admin:        http://127.0.0.1:$(PORT)/admin/"
	@echo "    Tài khoản mẫu / Demo accounts: xem ở trên, do load_demo in ra / printed above by load_demo"
	@$(MANAGE) runserver 127.0.0.1:$(PORT)

messages: venv
	$(call say,Cập nhật locale/vi (dịch các dòng mới rồi chạy lại),Updating locale/vi (translate new entries then run again))
	@$(MANAGE) makemessages -l vi --no-obsolete --no-location -i ".venv/*" -i "var/*" -i "tests/*" -i "bench/*" -i "scripts/*"
	@msgattrib --untranslated locale/vi/LC_MESSAGES/django.po | grep -c '^msgid' | xargs -I{} echo "    entries without translation (incl. header): {}"
	@$(MANAGE) compilemessages -l vi --verbosity 0

test: venv
	@$(PY) scripts/run_tests.py $(if $(ARGS),-- $(ARGS))

test-sqlite: venv
	@$(PY) scripts/run_tests.py --suite sqlite $(if $(ARGS),-- $(ARGS))

test-postgresql: venv
	@$(PY) scripts/run_tests.py --suite postgresql $(if $(ARGS),-- $(ARGS))

clean:
	$(call say,Xóa var/ và $(VENV),Removing var/ and $(VENV))
	rm -rf var $(VENV)
