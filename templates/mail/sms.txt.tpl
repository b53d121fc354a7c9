{{! mail/sms.txt.tpl: an SMS reminder, one short text; values go in as they are}}[[{{SITE_NAME}}: {{WHAT}} starts tomorrow, {{WHEN}}. {{BOOKING_URL}}]]
