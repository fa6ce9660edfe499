-- PostgreSQL for Parley: a role and a database it owns (Parley's migrations create the tables at its first
-- start). Run as the superuser: sudo -u postgres psql -f deploy/database.sql. Choose your own password, and
-- put the same one in deploy/parley.env (SPRING_DATASOURCE_PASSWORD).
CREATE ROLE parley LOGIN PASSWORD 'change-me-parley-db-password';
CREATE DATABASE parley OWNER parley;
