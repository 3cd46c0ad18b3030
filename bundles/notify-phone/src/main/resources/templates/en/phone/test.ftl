<#-- The test call of yagura:call-test. -->
This is a test call from the Yagura security operations center. No incident is reported.
