-- Table rights of the service's runtime user beyond its database-wide SELECT and INSERT.
-- Re-applied by Flyway whenever this file changes. Tables not listed here are append-only for the
-- service: audit_event (the audit trail), timeline_entry (the shared case timeline),
-- consultation_status_change, referral_transition, referral_report, taxonomy and municipality reference data.
-- Needs a migration user with GRANT OPTION distinct from the runtime user (README "Configuration").

GRANT UPDATE ON org_unit TO '${app_user}'@'${app_host}';
GRANT UPDATE, DELETE ON coverage TO '${app_user}'@'${app_host}';
GRANT UPDATE ON coordinator TO '${app_user}'@'${app_host}';
GRANT DELETE ON coordinator_municipality TO '${app_user}'@'${app_host}';
GRANT DELETE ON coordinator_training TO '${app_user}'@'${app_host}';
GRANT UPDATE ON child TO '${app_user}'@'${app_host}';
GRANT DELETE ON child_care_type TO '${app_user}'@'${app_host}';
GRANT UPDATE ON consent TO '${app_user}'@'${app_host}';
GRANT UPDATE ON consultation TO '${app_user}'@'${app_host}';
GRANT DELETE ON consultation_topic TO '${app_user}'@'${app_host}';
GRANT UPDATE, DELETE ON idempotency_record TO '${app_user}'@'${app_host}';
GRANT UPDATE ON audit_chain_head TO '${app_user}'@'${app_host}';
GRANT UPDATE ON referral TO '${app_user}'@'${app_host}';
GRANT UPDATE ON registration_review TO '${app_user}'@'${app_host}';
GRANT UPDATE ON emergency_access TO '${app_user}'@'${app_host}';
GRANT UPDATE ON training_attendee TO '${app_user}'@'${app_host}';
GRANT UPDATE ON discharge_plan TO '${app_user}'@'${app_host}';
GRANT UPDATE ON discharge_item TO '${app_user}'@'${app_host}';
-- events (issue 18): an event's row is fixed once written except for the feed position the publisher gives it
GRANT UPDATE ON event TO '${app_user}'@'${app_host}';
GRANT UPDATE ON event_stream TO '${app_user}'@'${app_host}';
GRANT UPDATE ON event_publisher TO '${app_user}'@'${app_host}';
GRANT UPDATE ON webhook_subscription TO '${app_user}'@'${app_host}';
GRANT UPDATE ON webhook_delivery TO '${app_user}'@'${app_host}';
GRANT UPDATE ON job_lease TO '${app_user}'@'${app_host}';
-- Resource directory (directory_change is its append-only history) and disaster plans.
GRANT UPDATE ON directory_organization TO '${app_user}'@'${app_host}';
GRANT UPDATE ON directory_service TO '${app_user}'@'${app_host}';
GRANT DELETE ON directory_service_care_type TO '${app_user}'@'${app_host}';
GRANT DELETE ON directory_service_area TO '${app_user}'@'${app_host}';
GRANT DELETE ON directory_schedule TO '${app_user}'@'${app_host}';
GRANT DELETE ON directory_contact TO '${app_user}'@'${app_host}';
GRANT UPDATE ON disaster_plan TO '${app_user}'@'${app_host}';
GRANT DELETE ON disaster_plan_device TO '${app_user}'@'${app_host}';
