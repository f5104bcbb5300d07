-- The two accounts README "Running in production" asks for: the schema owner Flyway migrates with (it grants the
-- runtime user its table rights, hence GRANT OPTION) and the runtime user with SELECT and INSERT only.
CREATE DATABASE IF NOT EXISTS tsunagu CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER IF NOT EXISTS 'tsunagu_owner'@'%' IDENTIFIED BY 'dev-owner-pw';
GRANT ALL PRIVILEGES ON tsunagu.* TO 'tsunagu_owner'@'%' WITH GRANT OPTION;
CREATE USER IF NOT EXISTS 'tsunagu_app'@'%' IDENTIFIED BY 'dev-app-pw';
GRANT SELECT, INSERT ON tsunagu.* TO 'tsunagu_app'@'%';
