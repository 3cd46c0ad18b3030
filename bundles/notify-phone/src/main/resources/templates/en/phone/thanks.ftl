<#-- Said when the acknowledgement digit was pressed. -->
Thank you. Your acknowledgement is recorded. Goodbye.
